# Flushes but never commits: the rows vanish when the request's session closes.
import os
import tempfile
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, String, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload
from sqlalchemy.pool import NullPool

# Given: a new SQLite file for every run, in a temporary folder, and a connection of its own for every session
# (NullPool): aiosqlite connections reused from a pool can stall the app for 5 seconds when requests write at once.
engine = create_async_engine("sqlite+aiosqlite:///" + os.path.join(tempfile.mkdtemp(), "projects.sqlite"), poolclass=NullPool)

# Given: counts every SQL statement the app sends, for GET /test/statements. Leave it as it is.
STATEMENTS = {"count": 0}


@event.listens_for(engine.sync_engine, "before_cursor_execute")
def count_statement(conn, cursor, statement, parameters, context, executemany):
    STATEMENTS["count"] += 1


SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    tasks: Mapped[list["Task"]] = relationship(back_populates="project", order_by="Task.id")


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    project: Mapped[Project] = relationship(back_populates="tasks")


@asynccontextmanager
async def lifespan(app: FastAPI):
    # Given: creates the tables at start-up (a real project runs Alembic migrations instead).
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


@app.get("/test/statements")
def statements_so_far():
    # Given: leave it as it is. It runs no SQL itself.
    return STATEMENTS


async def get_session():
    async with SessionLocal() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


class ProjectIn(BaseModel):
    name: str


class TaskIn(BaseModel):
    title: str


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: str
    project_id: int


class ProjectOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str


class ProjectWithTasks(ProjectOut):
    tasks: list[TaskOut]


@app.post("/projects", status_code=201)
async def create_project(body: ProjectIn, session: SessionDep) -> ProjectOut:
    project = Project(name=body.name)
    session.add(project)
    try:
        await session.flush()
    except IntegrityError:
        await session.rollback()
        raise HTTPException(status_code=409, detail=f"A project named {body.name!r} already exists")
    return project


@app.post("/projects/{project_id}/tasks", status_code=201)
async def add_task(project_id: int, body: TaskIn, session: SessionDep) -> TaskOut:
    if await session.get(Project, project_id) is None:
        raise HTTPException(status_code=404, detail="Project not found")
    task = Task(title=body.title, project_id=project_id)
    session.add(task)
    await session.flush()
    return task


@app.get("/projects")
async def list_projects(session: SessionDep) -> list[ProjectWithTasks]:
    result = await session.scalars(select(Project).options(selectinload(Project.tasks)).order_by(Project.id))
    return result.all()


@app.get("/projects/{project_id}")
async def read_project(project_id: int, session: SessionDep) -> ProjectWithTasks:
    project = await session.get(Project, project_id, options=[selectinload(Project.tasks)])
    if project is None:
        raise HTTPException(status_code=404, detail="Project not found")
    return project

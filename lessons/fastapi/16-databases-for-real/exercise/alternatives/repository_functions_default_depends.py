# Repository functions that take the session, Depends() as a default value, subqueryload.
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
from collections.abc import AsyncIterator, Sequence
from sqlalchemy import func
from sqlalchemy.orm import subqueryload
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


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session

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


class ProjectIn(BaseModel):
    name: str


class TaskIn(BaseModel):
    title: str


# Repository functions: every query in one place, each taking the request's session.
async def insert_project(session: AsyncSession, name: str) -> Project | None:
    project = Project(name=name)
    session.add(project)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return None
    return project


async def insert_task(session: AsyncSession, project_id: int, title: str) -> Task | None:
    exists = await session.scalar(select(func.count()).select_from(Project).where(Project.id == project_id))
    if not exists:
        return None
    task = Task(title=title, project_id=project_id)
    session.add(task)
    await session.commit()
    return task


async def projects_with_tasks(session: AsyncSession, project_id: int | None = None) -> Sequence[Project]:
    statement = select(Project).options(subqueryload(Project.tasks)).order_by(Project.id)
    if project_id is not None:
        statement = statement.where(Project.id == project_id)
    return (await session.scalars(statement)).all()


@app.post("/projects", status_code=201, response_model=ProjectOut)
async def create_project(body: ProjectIn, session: AsyncSession = Depends(get_session)):
    project = await insert_project(session, body.name)
    if project is None:
        raise HTTPException(status_code=409, detail="Duplicate name")
    return project


@app.post("/projects/{project_id}/tasks", status_code=201, response_model=TaskOut)
async def create_task(project_id: int, body: TaskIn, session: AsyncSession = Depends(get_session)):
    task = await insert_task(session, project_id, body.title)
    if task is None:
        raise HTTPException(status_code=404, detail="Unknown project")
    return task


@app.get("/projects", response_model=list[ProjectWithTasks])
async def list_projects(session: AsyncSession = Depends(get_session)):
    return await projects_with_tasks(session)


@app.get("/projects/{project_id}", response_model=ProjectWithTasks)
async def read_project(project_id: int, session: AsyncSession = Depends(get_session)):
    found = await projects_with_tasks(session, project_id)
    if not found:
        raise HTTPException(status_code=404, detail="Unknown project")
    return found[0]

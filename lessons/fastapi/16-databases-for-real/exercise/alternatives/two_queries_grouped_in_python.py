import os
from collections import defaultdict
import tempfile
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, String, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
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
    session = SessionLocal()
    try:
        yield session
    finally:
        await session.close()


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: str
    project_id: int


class ProjectOut(BaseModel):
    id: int
    name: str
    tasks: list[TaskOut]


class NameIn(BaseModel):
    name: str


class TitleIn(BaseModel):
    title: str


async def with_tasks(session: AsyncSession, projects) -> list[ProjectOut]:
    """Two queries however many projects: the projects, then all their tasks at once."""
    ids = [project.id for project in projects]
    tasks = await session.scalars(select(Task).where(Task.project_id.in_(ids)).order_by(Task.id))
    grouped = defaultdict(list)
    for task in tasks:
        grouped[task.project_id].append(TaskOut.model_validate(task))
    return [ProjectOut(id=project.id, name=project.name, tasks=grouped[project.id]) for project in projects]


@app.post("/projects", status_code=201)
async def create_project(body: NameIn, session: Annotated[AsyncSession, Depends(get_session)]) -> dict:
    project = Project(name=body.name)
    session.add(project)
    try:
        await session.flush()
    except IntegrityError:
        await session.rollback()
        raise HTTPException(status_code=409, detail="Duplicate project name")
    await session.commit()
    return {"id": project.id, "name": project.name}


@app.post("/projects/{project_id}/tasks", status_code=201)
async def create_task(project_id: int, body: TitleIn, session: Annotated[AsyncSession, Depends(get_session)]) -> TaskOut:
    found = await session.scalar(select(Project.id).where(Project.id == project_id))
    if found is None:
        raise HTTPException(status_code=404, detail="Project not found")
    task = Task(title=body.title, project_id=project_id)
    session.add(task)
    await session.commit()
    return TaskOut.model_validate(task)


@app.get("/projects")
async def list_projects(session: Annotated[AsyncSession, Depends(get_session)]) -> list[ProjectOut]:
    projects = (await session.scalars(select(Project).order_by(Project.id))).all()
    return await with_tasks(session, projects)


@app.get("/projects/{project_id}")
async def get_project(project_id: int, session: Annotated[AsyncSession, Depends(get_session)]) -> ProjectOut:
    project = await session.get(Project, project_id)
    if project is None:
        raise HTTPException(status_code=404, detail="Project not found")
    return (await with_tasks(session, [project]))[0]

import os
import tempfile
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, String, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship, sessionmaker
from sqlalchemy.pool import NullPool

# Given: a new SQLite file for every run, in a temporary folder, and a connection of its own for every session
# (NullPool): aiosqlite connections reused from a pool can stall the app for 5 seconds when requests write at once.
engine = create_async_engine("sqlite+aiosqlite:///" + os.path.join(tempfile.mkdtemp(), "projects.sqlite"), poolclass=NullPool)

# Given: counts every SQL statement the app sends, for GET /test/statements. Leave it as it is.
STATEMENTS = {"count": 0}


@event.listens_for(engine.sync_engine, "before_cursor_execute")
def count_statement(conn, cursor, statement, parameters, context, executemany):
    STATEMENTS["count"] += 1


make_session = sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


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


async def session_per_request():
    session = make_session()
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
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str


class ProjectDetail(ProjectOut):
    tasks: list[TaskOut] = []


class NewProject(BaseModel):
    name: str


class NewTask(BaseModel):
    title: str


class ProjectRepository:
    def __init__(self, session: Annotated[AsyncSession, Depends(session_per_request)]):
        self.session = session

    async def add_project(self, name: str) -> Project | None:
        project = Project(name=name)
        self.session.add(project)
        try:
            await self.session.commit()
        except IntegrityError:
            await self.session.rollback()
            return None
        return project

    async def add_task(self, project_id: int, title: str) -> Task | None:
        if await self.session.get(Project, project_id) is None:
            return None
        task = Task(title=title, project_id=project_id)
        self.session.add(task)
        await self.session.commit()
        return task

    async def all_with_tasks(self) -> list[Project]:
        statement = select(Project).options(joinedload(Project.tasks)).order_by(Project.id)
        result = await self.session.execute(statement)
        return list(result.unique().scalars())

    async def one_with_tasks(self, project_id: int) -> Project | None:
        statement = select(Project).options(joinedload(Project.tasks)).where(Project.id == project_id)
        result = await self.session.execute(statement)
        return result.unique().scalar_one_or_none()


Repo = Annotated[ProjectRepository, Depends()]


@app.post("/projects", status_code=201, response_model=ProjectOut)
async def create_project(body: NewProject, repo: Repo):
    project = await repo.add_project(body.name)
    if project is None:
        raise HTTPException(status_code=409, detail="That project name is taken")
    return ProjectOut.model_validate(project)


@app.post("/projects/{project_id}/tasks", status_code=201, response_model=TaskOut)
async def create_task(project_id: int, body: NewTask, repo: Repo):
    task = await repo.add_task(project_id, body.title)
    if task is None:
        raise HTTPException(status_code=404, detail="No such project")
    return TaskOut.model_validate(task)


@app.get("/projects", response_model=list[ProjectDetail])
async def all_projects(repo: Repo):
    return [ProjectDetail.model_validate(project) for project in await repo.all_with_tasks()]


@app.get("/projects/{project_id}", response_model=ProjectDetail)
async def one_project(project_id: int, repo: Repo):
    project = await repo.one_with_tasks(project_id)
    if project is None:
        raise HTTPException(status_code=404, detail="No such project")
    return ProjectDetail.model_validate(project)

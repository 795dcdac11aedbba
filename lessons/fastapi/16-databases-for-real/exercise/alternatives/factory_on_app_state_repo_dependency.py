# The session factory kept on app.state (a factory, not a session), a repository class built by a dependency function, lazy="raise".
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
from fastapi import Request

# Given: a new SQLite file for every run, in a temporary folder, and a connection of its own for every session
# (NullPool): aiosqlite connections reused from a pool can stall the app for 5 seconds when requests write at once.
engine = create_async_engine("sqlite+aiosqlite:///" + os.path.join(tempfile.mkdtemp(), "projects.sqlite"), poolclass=NullPool)

# Given: counts every SQL statement the app sends, for GET /test/statements. Leave it as it is.
STATEMENTS = {"count": 0}


@event.listens_for(engine.sync_engine, "before_cursor_execute")
def count_statement(conn, cursor, statement, parameters, context, executemany):
    STATEMENTS["count"] += 1







class Base(DeclarativeBase):
    pass


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    tasks: Mapped[list["Task"]] = relationship(back_populates="project", order_by="Task.id", lazy="raise")


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
app.state.sessions = async_sessionmaker(engine, expire_on_commit=False)


@app.get("/test/statements")
def statements_so_far():
    # Given: leave it as it is. It runs no SQL itself.
    return STATEMENTS


async def get_session(request: Request):
    async with request.app.state.sessions() as session:
        yield session


class Projects:
    """A repository over the request's session."""

    def __init__(self, session: AsyncSession):
        self.session = session

    async def add(self, name: str) -> Project:
        project = Project(name=name, tasks=[])
        self.session.add(project)
        await self.session.commit()
        return project

    async def exists(self, project_id: int) -> bool:
        return await self.session.get(Project, project_id) is not None

    async def add_task(self, project_id: int, title: str) -> Task:
        task = Task(title=title, project_id=project_id)
        self.session.add(task)
        await self.session.commit()
        return task

    async def listing(self) -> list[Project]:
        result = await self.session.execute(select(Project).options(selectinload(Project.tasks)).order_by(Project.id))
        return list(result.scalars())

    async def one(self, project_id: int) -> Project | None:
        result = await self.session.execute(select(Project).options(selectinload(Project.tasks)).where(Project.id == project_id))
        return result.scalar_one_or_none()

    async def rollback(self) -> None:
        await self.session.rollback()


def get_projects(session: Annotated[AsyncSession, Depends(get_session)]) -> Projects:
    return Projects(session)


ProjectsDep = Annotated[Projects, Depends(get_projects)]

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


@app.post("/projects", status_code=201)
async def create_project(body: ProjectIn, projects: ProjectsDep) -> ProjectOut:
    try:
        return await projects.add(body.name)
    except IntegrityError:
        await projects.rollback()
        raise HTTPException(status_code=409, detail="Name taken")


@app.post("/projects/{project_id}/tasks", status_code=201)
async def add_task(project_id: int, body: TaskIn, projects: ProjectsDep) -> TaskOut:
    if not await projects.exists(project_id):
        raise HTTPException(status_code=404, detail="No such project")
    return await projects.add_task(project_id, body.title)


@app.get("/projects")
async def list_projects(projects: ProjectsDep) -> list[ProjectWithTasks]:
    return await projects.listing()


@app.get("/projects/{project_id}")
async def read_project(project_id: int, projects: ProjectsDep) -> ProjectWithTasks:
    project = await projects.one(project_id)
    if project is None:
        raise HTTPException(status_code=404, detail="No such project")
    return project

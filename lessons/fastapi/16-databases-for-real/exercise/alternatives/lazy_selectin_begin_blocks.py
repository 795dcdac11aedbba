import os
import tempfile
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Body, Depends, FastAPI, HTTPException
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


Sessions = async_sessionmaker(bind=engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    tasks: Mapped[list["Task"]] = relationship(back_populates="project", order_by="Task.id", lazy="selectin")


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


async def get_db():
    async with Sessions() as db:
        yield db


Db = Annotated[AsyncSession, Depends(get_db)]
router = APIRouter(prefix="/projects", tags=["projects"])


class TaskRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: str
    project_id: int


class ProjectRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    tasks: list[TaskRead]


class ProjectCreated(BaseModel):
    id: int
    name: str


@router.post("", status_code=201, response_model=ProjectCreated)
async def create_project(name: Annotated[str, Body(embed=True)], db: Db):
    try:
        async with db.begin():
            project = Project(name=name)
            db.add(project)
    except IntegrityError:
        raise HTTPException(status_code=409, detail="Name already used") from None
    return {"id": project.id, "name": project.name}


@router.post("/{project_id}/tasks", status_code=201, response_model=TaskRead)
async def create_task(project_id: int, title: Annotated[str, Body(embed=True)], db: Db):
    async with db.begin():
        project = await db.get(Project, project_id)
        if project is None:
            raise HTTPException(status_code=404, detail="Unknown project")
        task = Task(title=title, project=project)
        db.add(task)
    return task


@router.get("", response_model=list[ProjectRead])
async def list_projects(db: Db):
    return (await db.execute(select(Project).order_by(Project.id))).scalars().all()


@router.get("/{project_id}", response_model=ProjectRead)
async def get_project(project_id: int, db: Db):
    project = await db.get(Project, project_id)
    if not project:
        raise HTTPException(status_code=404, detail="Unknown project")
    return project


app.include_router(router)

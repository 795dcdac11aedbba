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


# TODO: a session factory with async_sessionmaker (objects must stay readable after commit)


class Base(DeclarativeBase):
    pass


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # TODO: tasks, the one-to-many relationship to Task


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    # TODO: project, the relationship back to Project


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


# TODO: get_session, a yield dependency that gives each request its own AsyncSession


# TODO: the Pydantic models (ProjectOut, TaskOut, ProjectWithTasks, and the request bodies)


# TODO: POST /projects, POST /projects/{project_id}/tasks, GET /projects and GET /projects/{project_id}

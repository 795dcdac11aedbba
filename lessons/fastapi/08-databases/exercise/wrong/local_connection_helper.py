# The endpoints declare the dependency but take their connection from a local helper instead: the
# connection get_db yields goes unused, and the helper's connections are never closed.
import sqlite3
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel

DB_URI = "file:notes_exercise?mode=memory&cache=shared"
_keeper = sqlite3.connect(DB_URI, uri=True)  # keeps the shared in-memory database alive
_keeper.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


def connect() -> sqlite3.Connection:
    return sqlite3.connect(DB_URI, uri=True, check_same_thread=False)


def get_db():
    conn = connect()
    try:
        yield conn
    finally:
        conn.close()


def conn():
    return sqlite3.connect(DB_URI, uri=True, check_same_thread=False)


Db = Annotated[sqlite3.Connection, Depends(get_db)]
app = FastAPI()


class NoteIn(BaseModel):
    text: str


@app.post("/notes", status_code=201)
def create_note(note: NoteIn, db: Db):
    c = conn()
    cursor = c.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    c.commit()
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
def read_note(note_id: int, db: Db):
    row = conn().execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="Note not found")
    return {"id": row[0], "text": row[1]}

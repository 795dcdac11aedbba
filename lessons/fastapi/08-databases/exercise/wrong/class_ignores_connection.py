# A class dependency takes Depends(get_db) in __init__ and keeps it as self.db, but its methods open
# their own connections: the one get_db closes (or a test swaps in) is never used.
import sqlite3
from contextlib import closing
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


Db = Annotated[sqlite3.Connection, Depends(get_db)]
app = FastAPI()


class NoteIn(BaseModel):
    text: str


class NoteRepository:
    """Takes the connection get_db gives, keeps it, then never uses it."""

    def __init__(self, db: Db):
        self.db = db

    def add(self, text: str) -> dict:
        with closing(connect()) as conn:
            cursor = conn.execute("INSERT INTO notes (text) VALUES (?)", (text,))
            conn.commit()
        return {"id": cursor.lastrowid, "text": text}

    def get(self, note_id: int):
        with closing(connect()) as conn:
            row = conn.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
        return None if row is None else {"id": row[0], "text": row[1]}


Notes = Annotated[NoteRepository, Depends(NoteRepository)]


@app.post("/notes", status_code=201)
def create_note(note: NoteIn, notes: Notes):
    return notes.add(note.text)


@app.get("/notes/{note_id}")
def read_note(note_id: int, notes: Notes):
    found = notes.get(note_id)
    if found is None:
        raise HTTPException(status_code=404, detail="Note not found")
    return found

# A class dependency: Depends(NoteRepository), whose __init__ takes the connection from Depends(get_db).
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


Db = Annotated[sqlite3.Connection, Depends(get_db)]
app = FastAPI()


class NoteIn(BaseModel):
    text: str


class NoteRepository:
    """A class dependency: FastAPI builds it per request with the connection get_db gives."""

    def __init__(self, db: Db):
        self.db = db

    def add(self, text: str) -> dict:
        cursor = self.db.execute("INSERT INTO notes (text) VALUES (?)", (text,))
        self.db.commit()
        return {"id": cursor.lastrowid, "text": text}

    def get(self, note_id: int):
        row = self.db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
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

# The finally closes a cursor, not the connection it yields: the connection stays open after every request.
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
    cursor = conn.cursor()
    try:
        yield conn
    finally:
        cursor.close()


Db = Annotated[sqlite3.Connection, Depends(get_db)]
app = FastAPI()


class NoteIn(BaseModel):
    text: str


@app.post("/notes", status_code=201)
def create_note(note: NoteIn, db: Db):
    cursor = db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    db.commit()
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
def read_note(note_id: int, db: Db):
    row = db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="Note not found")
    return {"id": row[0], "text": row[1]}

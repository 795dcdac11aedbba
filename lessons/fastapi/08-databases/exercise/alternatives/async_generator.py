# An async yield dependency with try/finally, rows as sqlite3.Row turned into dicts.
import sqlite3
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from pydantic import BaseModel

DB_URI = "file:notes_exercise?mode=memory&cache=shared"
_keeper = sqlite3.connect(DB_URI, uri=True)  # keeps the shared in-memory database alive
_keeper.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


def connect() -> sqlite3.Connection:
    return sqlite3.connect(DB_URI, uri=True, check_same_thread=False)


async def get_db():
    conn = connect()
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


Database = Annotated[sqlite3.Connection, Depends(get_db)]
app = FastAPI()


class NoteIn(BaseModel):
    text: str


@app.post("/notes", status_code=status.HTTP_201_CREATED)
def create_note(note: NoteIn, db: Database):
    with db:  # commits on success
        cursor = db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
def read_note(note_id: int, db: Database):
    row = db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Note not found")
    return dict(row)

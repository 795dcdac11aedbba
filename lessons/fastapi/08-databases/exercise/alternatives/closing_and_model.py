# contextlib.closing around the connection, the `= Depends(get_db)` default style, an output model
# and INSERT ... RETURNING.
import sqlite3
from contextlib import closing

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel

DB_URI = "file:notes_exercise?mode=memory&cache=shared"
_keeper = sqlite3.connect(DB_URI, uri=True)  # keeps the shared in-memory database alive
_keeper.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


def connect() -> sqlite3.Connection:
    return sqlite3.connect(DB_URI, uri=True, check_same_thread=False)


def get_db():
    with closing(connect()) as conn:
        yield conn


app = FastAPI()


class NoteIn(BaseModel):
    text: str


class Note(NoteIn):
    id: int


@app.post("/notes", status_code=201, response_model=Note)
def create_note(note: NoteIn, db: sqlite3.Connection = Depends(get_db)):
    (new_id,) = db.execute("INSERT INTO notes (text) VALUES (?) RETURNING id", (note.text,)).fetchone()
    db.commit()
    return Note(id=new_id, text=note.text)


@app.get("/notes/{note_id}", response_model=Note)
def read_note(note_id: int, db: sqlite3.Connection = Depends(get_db)):
    row = db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    if not row:
        raise HTTPException(status_code=404, detail="Note not found")
    return Note(id=row[0], text=row[1])

# The endpoints live on an APIRouter with prefix="/notes" (so POST's path is "" and GET's is
# "/{note_id}", given with the path= keyword), included into the app; the dependency sits on the
# router's functions through the `= Depends(get_db)` default.
import sqlite3

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from pydantic import BaseModel

DB_URI = "file:notes_exercise?mode=memory&cache=shared"
_keeper = sqlite3.connect(DB_URI, uri=True)  # keeps the shared in-memory database alive
_keeper.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


def connect() -> sqlite3.Connection:
    return sqlite3.connect(DB_URI, uri=True, check_same_thread=False)


def get_db():
    db = connect()
    try:
        yield db
    finally:
        db.close()


class NoteIn(BaseModel):
    text: str


router = APIRouter(prefix="/notes", tags=["notes"])


@router.post("", status_code=201)
def add_note(note: NoteIn, db: sqlite3.Connection = Depends(get_db)) -> dict:
    new_id = db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,)).lastrowid
    db.commit()
    return {"id": new_id, "text": note.text}


@router.get(path="/{note_id}")
def get_note(note_id: int, db: sqlite3.Connection = Depends(get_db)) -> dict:
    found = db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    if found is None:
        raise HTTPException(status_code=404, detail="Note not found")
    id_, text = found
    return {"id": id_, "text": text}


app = FastAPI()
app.include_router(router)

import itertools

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

RECIPES = {}
RECIPE_IDS = itertools.count(1)


class RecipeIn(BaseModel):
    name: str
    minutes: int


class Recipe(RecipeIn):
    id: int


@app.get("/health")
def health():
    return {"status": "ok"}


@app.post("/recipes")
def create_recipe(recipe: RecipeIn):
    stored = {"id": next(RECIPE_IDS), **recipe.model_dump()}
    RECIPES[stored["id"]] = stored
    return stored


@app.get("/recipes")
def list_recipes():
    return list(RECIPES.values())


@app.get("/recipes/{recipe_id}")
def get_recipe(recipe_id: int):
    if recipe_id not in RECIPES:
        raise HTTPException(status_code=404, detail="Recipe not found")
    return RECIPES[recipe_id]

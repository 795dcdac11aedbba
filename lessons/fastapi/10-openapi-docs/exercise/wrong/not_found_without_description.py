# The 404 has a model but no description: FastAPI fills in its generic "Not Found", which says nothing about when it happens.
import itertools

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(
    title="Recipe Box API",
    version="2.0.0",
    openapi_tags=[{"name": "recipes", "description": "Add, list and read recipes."}],
)

RECIPES = {}
RECIPE_IDS = itertools.count(1)


class RecipeIn(BaseModel):
    name: str = Field(description="What the dish is called", examples=["Lemon risotto"])
    minutes: int = Field(gt=0, description="Cooking time in minutes", examples=[35])


class Recipe(RecipeIn):
    id: int


class Message(BaseModel):
    detail: str


@app.get("/health", include_in_schema=False)
def health():
    return {"status": "ok"}


@app.post("/recipes", status_code=201, tags=["recipes"], summary="Add a recipe")
def create_recipe(recipe: RecipeIn) -> Recipe:
    """Store a new recipe and return it with the id it was given."""
    stored = {"id": next(RECIPE_IDS), **recipe.model_dump()}
    RECIPES[stored["id"]] = stored
    return stored


@app.get("/recipes", tags=["recipes"], summary="List all recipes")
def list_recipes() -> list[Recipe]:
    return list(RECIPES.values())


@app.get(
    "/recipes/{recipe_id}",
    tags=["recipes"],
    summary="Get one recipe",
    responses={404: {"model": Message}},
)
def get_recipe(recipe_id: int) -> Recipe:
    """Return the recipe with this id."""
    if recipe_id not in RECIPES:
        raise HTTPException(status_code=404, detail="Recipe not found")
    return RECIPES[recipe_id]

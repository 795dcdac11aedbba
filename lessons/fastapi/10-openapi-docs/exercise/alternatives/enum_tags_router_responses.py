# Tags from a str Enum, PositiveInt for minutes, the 404 documented once on the router that holds
# the recipe routes, and /health on a router kept out of the schema.
import itertools
from enum import Enum

from fastapi import APIRouter, FastAPI, HTTPException, status
from pydantic import BaseModel, Field, PositiveInt


class Tags(str, Enum):
    recipes = "recipes"


app = FastAPI(
    title="Recipe Box API",
    version="2.0.0",
    openapi_tags=[{"name": Tags.recipes, "description": "The recipes in the box, each with an id."}],
)


class Message(BaseModel):
    detail: str


recipes = APIRouter(
    tags=[Tags.recipes],
    responses={status.HTTP_404_NOT_FOUND: {"model": Message, "description": "Answered when no recipe has the id"}},
)
service = APIRouter(include_in_schema=False)

RECIPES: dict[int, dict] = {}
RECIPE_IDS = itertools.count(1)


class RecipeIn(BaseModel):
    name: str = Field(description="The dish", examples=["Mushroom stroganoff"])
    minutes: PositiveInt = Field(description="Time from start to table, in minutes", examples=[40])


class Recipe(RecipeIn):
    id: int


@service.get("/health")
def health():
    return {"status": "ok"}


@recipes.post("/recipes", status_code=status.HTTP_201_CREATED, summary="Add a recipe", response_model=Recipe)
def create_recipe(recipe: RecipeIn):
    """Save a recipe; the answer includes the id the server gave it."""
    stored = {"id": next(RECIPE_IDS), **recipe.model_dump()}
    RECIPES[stored["id"]] = stored
    return stored


@recipes.get("/recipes", summary="List all recipes", response_model=list[Recipe])
def list_recipes():
    return list(RECIPES.values())


@recipes.get("/recipes/{recipe_id}", summary="Get one recipe", response_model=Recipe)
def get_recipe(recipe_id: int):
    """Look one recipe up by its id."""
    recipe = RECIPES.get(recipe_id)
    if recipe is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Recipe not found")
    return recipe


app.include_router(recipes)
app.include_router(service)

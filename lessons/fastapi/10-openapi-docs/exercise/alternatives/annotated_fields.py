import itertools
from typing import Annotated

from fastapi import APIRouter, FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(
    title="Recipe Box API",
    version="2.0.0",
    description="A small API for the recipes you cook at home.",
    openapi_tags=[{"name": "recipes", "description": "Everything about recipes"}],
)
recipes = APIRouter()

RECIPES: dict[int, "Recipe"] = {}
RECIPE_IDS = itertools.count(1)

Name = Annotated[str, Field(description="Name of the dish", json_schema_extra={"examples": ["Shakshuka", "Dal"]})]
Minutes = Annotated[int, Field(ge=1, description="Total cooking time, in whole minutes", examples=[20, 45])]


class RecipeIn(BaseModel):
    name: Name
    minutes: Minutes


class Recipe(RecipeIn):
    id: int


class NotFound(BaseModel):
    detail: str


@app.get("/health", include_in_schema=False)
async def health() -> dict[str, str]:
    return {"status": "ok"}


@recipes.post("/recipes", status_code=201, summary="Add a recipe")
async def create_recipe(recipe: RecipeIn) -> Recipe:
    """Adds a recipe to the box. The answer carries the id to fetch it again."""
    saved = Recipe(id=next(RECIPE_IDS), **recipe.model_dump())
    RECIPES[saved.id] = saved
    return saved


@recipes.get("/recipes", summary="List all recipes")
async def list_recipes() -> list[Recipe]:
    """Every recipe, oldest first."""
    return list(RECIPES.values())


@recipes.get(
    "/recipes/{recipe_id}",
    summary="Get one recipe",
    description="Looks a recipe up by its id.",
    responses={404: {"model": NotFound, "description": "The id matches no recipe"}},
)
async def get_recipe(recipe_id: int) -> Recipe:
    if recipe_id not in RECIPES:
        raise HTTPException(404, "Recipe not found")
    return RECIPES[recipe_id]


app.include_router(recipes, tags=["recipes"])

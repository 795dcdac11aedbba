import itertools

from fastapi import APIRouter, FastAPI, HTTPException, status
from pydantic import BaseModel, ConfigDict, Field

TAGS = [
    {
        "name": "recipes",
        "description": "Recipes with their cooking time. Ids are given by the server.",
    }
]

app = FastAPI(title="Recipe Box API", version="2.0.0", openapi_tags=TAGS)
router = APIRouter(prefix="/recipes", tags=["recipes"])

RECIPES = {}
RECIPE_IDS = itertools.count(1)


class RecipeIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Pea soup", "minutes": 25}, {"name": "Flatbread", "minutes": 15}]}
    )

    name: str = Field(min_length=1, description="The dish")
    minutes: int = Field(gt=0, description="How long it takes, in minutes")


class Recipe(RecipeIn):
    id: int


class ErrorMessage(BaseModel):
    detail: str = Field(description="What went wrong")


NOT_FOUND = {status.HTTP_404_NOT_FOUND: {"model": ErrorMessage, "description": "There is no recipe with this id"}}


@app.get("/health", include_in_schema=False)
def health():
    return {"status": "ok"}


@router.post(
    "",
    response_model=Recipe,
    status_code=status.HTTP_201_CREATED,
    summary="Add a recipe",
    description="Saves the recipe and answers with it, id included.",
)
def create_recipe(recipe: RecipeIn):
    stored = {"id": next(RECIPE_IDS), **recipe.model_dump()}
    RECIPES[stored["id"]] = stored
    return stored


@router.get("", response_model=list[Recipe], summary="List all recipes")
def list_recipes():
    return list(RECIPES.values())


@router.get("/{recipe_id}", response_model=Recipe, summary="Get one recipe", responses=NOT_FOUND)
def get_recipe(recipe_id: int):
    """
    Answers the recipe with this id.

    A **404** means no recipe has it.
    """
    recipe = RECIPES.get(recipe_id)
    if recipe is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Recipe not found")
    return recipe


app.include_router(router)

# Field constraints inside Annotated, an output model as the return annotation, status constants.
from typing import Annotated

from fastapi import FastAPI, status
from pydantic import BaseModel, Field


class OrderLine(BaseModel):
    sku: Annotated[str, Field(min_length=1, max_length=20, examples=["TEA"])]
    quantity: Annotated[int, Field(ge=1, le=100)] = 1


class Order(BaseModel):
    customer: Annotated[str, Field(min_length=1)]
    lines: Annotated[list[OrderLine], Field(min_length=1)]


class OrderSummary(BaseModel):
    customer: str
    items: int


app = FastAPI()


@app.post("/orders", status_code=status.HTTP_201_CREATED)
async def create_order(order: Order) -> OrderSummary:
    return OrderSummary(customer=order.customer, items=sum(item.quantity for item in order.lines))

# Validates well but answers with the number of lines, not the total quantity.
from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class OrderLine(BaseModel):
    sku: str = Field(min_length=1, max_length=20)
    quantity: int = Field(default=1, ge=1, le=100)


class Order(BaseModel):
    customer: str = Field(min_length=1)
    lines: list[OrderLine] = Field(min_length=1)


@app.post("/orders", status_code=201)
def create_order(order: Order):
    return {"customer": order.customer, "items": len(order.lines)}

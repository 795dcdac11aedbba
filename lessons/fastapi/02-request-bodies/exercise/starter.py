from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class OrderLine(BaseModel):
    sku: str
    quantity: int


class Order(BaseModel):
    customer: str
    lines: list


@app.post("/orders")
def create_order(order: Order):
    return {"customer": order.customer, "items": len(order.lines)}

# Annotated constraint types (StringConstraints, conlist) and the 201 set on the Response parameter.
from typing import Annotated

from fastapi import FastAPI, Response
from pydantic import BaseModel, Field, StringConstraints, conlist

app = FastAPI()

Sku = Annotated[str, StringConstraints(min_length=1, max_length=20)]
Quantity = Annotated[int, Field(ge=1, le=100)]


class OrderLine(BaseModel):
    sku: Sku
    quantity: Quantity = 1


class Order(BaseModel):
    customer: Annotated[str, StringConstraints(min_length=1)]
    lines: conlist(OrderLine, min_length=1)


@app.post("/orders")
def create_order(order: Order, response: Response):
    response.status_code = 201
    total = 0
    for order_line in order.lines:
        total += order_line.quantity
    return {"customer": order.customer, "items": total}

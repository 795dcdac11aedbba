from pydantic import BaseModel, Field


class Address(BaseModel):
    street: str
    city: str


class OrderLine(BaseModel):
    sku: str
    quantity: int = Field(ge=1)


class Order(BaseModel):
    customer: str
    ship_to: Address
    lines: list[OrderLine] = Field(min_length=1)


order = Order(customer="Ada", ship_to={"street": "1 Main St", "city": "Leeds"}, lines=[{"sku": "T1", "quantity": 2}])

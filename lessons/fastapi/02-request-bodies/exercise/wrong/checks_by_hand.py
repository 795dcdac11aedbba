# The anti-pattern: the body is a plain dict checked by hand in the endpoint, as in Flask; the rules
# the models should state are partly missed and the 422s do not say which field is wrong.
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.post("/orders", status_code=201)
def create_order(order: dict):
    if not order.get("customer"):
        raise HTTPException(status_code=422, detail="customer is required")
    lines = order.get("lines") or []
    if not lines:
        raise HTTPException(status_code=422, detail="at least one line")
    total = 0
    for line in lines:
        if not isinstance(line, dict) or not line.get("sku") or len(line["sku"]) > 20:
            raise HTTPException(status_code=422, detail="bad sku")
        quantity = line.get("quantity", 1)
        if not 1 <= quantity <= 100:
            raise HTTPException(status_code=422, detail="bad quantity")
        total += quantity
    return {"customer": order["customer"], "items": total}

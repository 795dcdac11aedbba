# AnyIO's own thread helper (the library under Starlette), with the arguments bound by functools.partial.
import functools
import time

import anyio.to_thread
from fastapi import FastAPI

app = FastAPI()

SERVICE_SECONDS = 0.3  # how long the weather service takes to answer
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]


def forecast_for(city: str) -> str:
    """Given: the forecast the weather service sends back for a city."""
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


@app.get("/forecast/{city}")
async def forecast(city: str):
    await anyio.to_thread.run_sync(functools.partial(time.sleep, SERVICE_SECONDS))
    return {"city": city, "forecast": forecast_for(city)}

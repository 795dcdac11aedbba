# Starlette's run_in_threadpool (the pool FastAPI uses for def endpoints), with time.sleep passed, not called.
import time as clock

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

app = FastAPI()

SERVICE_SECONDS = 0.3  # how long the weather service takes to answer
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]


def forecast_for(city: str) -> str:
    """Given: the forecast the weather service sends back for a city."""
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


@app.get("/forecast/{city}")
async def forecast(city: str) -> dict[str, str]:
    await run_in_threadpool(clock.sleep, SERVICE_SECONDS)
    return {"city": city, "forecast": forecast_for(city)}

# Mistake: calls time.sleep(...) itself and hands its result (None) to asyncio.to_thread: the sleep still
# runs on the event loop, and to_thread then fails because None is not a function.
import asyncio
import time

from fastapi import FastAPI

app = FastAPI()

SERVICE_SECONDS = 0.3  # how long the weather service takes to answer
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]


def forecast_for(city: str) -> str:
    """Given: the forecast the weather service sends back for a city."""
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


@app.get("/forecast/{city}")
async def forecast(city: str):
    await asyncio.to_thread(time.sleep(SERVICE_SECONDS))
    return {"city": city, "forecast": forecast_for(city)}

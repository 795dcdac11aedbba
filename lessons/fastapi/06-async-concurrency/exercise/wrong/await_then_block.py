# Mistake: adds an await in front, but time.sleep still runs on the event loop and blocks every other request.
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
    await asyncio.sleep(0)  # "let the others run first"
    time.sleep(SERVICE_SECONDS)
    return {"city": city, "forecast": forecast_for(city)}

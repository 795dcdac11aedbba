# Keeps async def and hands the blocking call to a thread with asyncio.to_thread.
import asyncio
import time

from fastapi import FastAPI

app = FastAPI()

SERVICE_SECONDS = 0.3  # how long the weather service takes to answer
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]


def forecast_for(city: str) -> str:
    """Given: the forecast the weather service sends back for a city."""
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


def ask_weather_service(city: str) -> dict:
    time.sleep(SERVICE_SECONDS)  # a blocking client library would wait here
    return {"city": city, "forecast": forecast_for(city)}


@app.get("/forecast/{city}")
async def forecast(city: str):
    return await asyncio.to_thread(ask_weather_service, city)

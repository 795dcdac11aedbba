# Mistake: moves time.sleep into a plain helper, but the async def endpoint still calls it on the event loop.
import time

from fastapi import FastAPI

app = FastAPI()

SERVICE_SECONDS = 0.3  # how long the weather service takes to answer
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]


def forecast_for(city: str) -> str:
    """Given: the forecast the weather service sends back for a city."""
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


def ask_weather_service(city: str) -> dict:
    time.sleep(SERVICE_SECONDS)
    return {"city": city, "forecast": forecast_for(city)}


@app.get("/forecast/{city}")
async def forecast(city: str):
    return ask_weather_service(city)

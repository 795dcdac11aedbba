import asyncio

from fastapi import FastAPI

app = FastAPI()

SERVICE_SECONDS = 0.3  # how long the weather service takes to answer
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]


def forecast_for(city: str) -> str:
    """Given: the forecast the weather service sends back for a city."""
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


@app.get("/forecast/{city}")
async def forecast(city: str):
    # An awaited wait: while this request waits, the event loop serves the others.
    await asyncio.sleep(SERVICE_SECONDS)
    return {"city": city, "forecast": forecast_for(city)}

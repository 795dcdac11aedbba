# A plain def endpoint: FastAPI runs it in its thread pool, so the blocking sleep holds only one thread.
import time

from fastapi import FastAPI

app = FastAPI()

SERVICE_SECONDS = 0.3  # how long the weather service takes to answer
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]


def forecast_for(city: str) -> str:
    """Given: the forecast the weather service sends back for a city."""
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


@app.get("/forecast/{city}")
def forecast(city: str):
    time.sleep(SERVICE_SECONDS)  # blocks this worker thread only
    return {"city": city, "forecast": forecast_for(city)}

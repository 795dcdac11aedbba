# Mistake: moves the wait into a background task, so the answer goes out before the service has answered.
import time

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()

SERVICE_SECONDS = 0.3  # how long the weather service takes to answer
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]


def forecast_for(city: str) -> str:
    """Given: the forecast the weather service sends back for a city."""
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


@app.get("/forecast/{city}")
async def forecast(city: str, background: BackgroundTasks):
    background.add_task(time.sleep, SERVICE_SECONDS)
    return {"city": city, "forecast": forecast_for(city)}

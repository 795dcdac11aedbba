# The wait lives in a plain def dependency (FastAPI runs it in the thread pool); the endpoint stays async def.
import time

from fastapi import Depends, FastAPI

app = FastAPI()

SERVICE_SECONDS = 0.3  # how long the weather service takes to answer
FORECASTS = ["sunny", "cloudy", "rainy", "windy"]


def forecast_for(city: str) -> str:
    """Given: the forecast the weather service sends back for a city."""
    return FORECASTS[sum(map(ord, city)) % len(FORECASTS)]


def weather_service(city: str) -> str:
    time.sleep(SERVICE_SECONDS)  # a blocking client: fine in a def dependency, which gets a pool thread
    return forecast_for(city)


@app.get("/forecast/{city}")
async def forecast(city: str, outlook: str = Depends(weather_service)):
    return {"city": city, "forecast": outlook}

"""Runs beside the learner's app: stocks the checks' own products in main.STOCK, and records what the
app logs through app.logger, which the checks cannot see over HTTP."""

import logging

import main

RECORDS = []


class Recorder(logging.Handler):
    def emit(self, record):
        RECORDS.append(record)


RECORDER = Recorder(level=logging.DEBUG)


def probe_add_stock(product, count):
    stock = getattr(main, "STOCK", None)
    if not isinstance(stock, dict):
        raise RuntimeError("keep the stock in the dict named STOCK, as the starter does")
    stock[product] = count
    return True


def probe_start_log():
    """Forgets earlier records and listens to app.logger (and the loggers below it)."""
    RECORDS.clear()
    logger = main.app.logger
    if RECORDER not in logger.handlers:
        logger.addHandler(RECORDER)
    return logger.name


def probe_log():
    return [
        {
            "level": record.levelname,
            "message": record.getMessage()[:300],
            "exception": record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else None,
        }
        for record in RECORDS
    ]

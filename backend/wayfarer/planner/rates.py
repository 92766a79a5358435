"""A static, dated table of exchange rates for cost estimates (no network at run time).

:data:`UNITS_PER_USD` gives how many units of each currency one US dollar bought, as
rounded mid-market averages of :data:`RATES_DATE`; estimates name the date in their
``basis`` so a traveller knows how old the conversion is.
"""

RATES_DATE = "June 2025"

UNITS_PER_USD: dict[str, float] = {
    "USD": 1.0, "EUR": 0.87, "GBP": 0.74, "JPY": 145.0, "INR": 85.8, "KRW": 1370.0,
    "THB": 32.6, "AUD": 1.54, "CAD": 1.37, "HKD": 7.85, "SGD": 1.28, "NZD": 1.66,
    "BRL": 5.55, "MXN": 19.0, "CHF": 0.81, "AED": 3.6725, "CZK": 21.6, "EGP": 49.8,
    "ZAR": 17.9, "MAD": 9.05, "CNY": 7.18, "SEK": 9.55, "NOK": 10.1, "DKK": 6.5,
    "HUF": 348.0, "PLN": 3.7, "ARS": 1180.0, "IDR": 16300.0, "MYR": 4.24, "VND": 26000.0,
    "PHP": 56.5, "TRY": 39.3, "ISK": 125.0, "PEN": 3.6, "TWD": 29.6,
}


def convert(amount: float, source: str, target: str) -> float | None:
    """``amount`` of ``source`` in ``target`` through the table; None when either currency
    is not in it."""
    if source == target:
        return amount
    if source not in UNITS_PER_USD or target not in UNITS_PER_USD:
        return None
    return amount / UNITS_PER_USD[source] * UNITS_PER_USD[target]


def rate_text(source: str, target: str) -> str:
    """"1 EUR = 1.15 USD" for the basis line."""
    one = convert(1.0, source, target)
    return "" if one is None else f"1 {source} = {one:.4g} {target}"

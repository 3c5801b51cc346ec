"""datagate: a GraphQL data-sharing gateway for a city's government big-data platform."""

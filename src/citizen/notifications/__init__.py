"""Delivery of outbox notifications to Telegram: chats, rendering, pacing, retries, failure states.

Kept free of imports on purpose: `citizen.applications` writes outbox rows through
`notifications.tables`, and the worker reads applications, so eager imports here would cycle.
"""

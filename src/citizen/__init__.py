"""Citizen: one bilingual catalogue of Kazakhstan state services, three doors to it."""

"""The service catalogue: services, legal acts, regional regulations, documents, terms."""

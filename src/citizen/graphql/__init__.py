"""The GraphQL door (adapter): strawberry types and resolvers over the catalogue core."""

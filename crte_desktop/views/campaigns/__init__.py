"""The revue de projets campaigns screen."""

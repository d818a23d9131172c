"""meetings service package."""

"""The actions table and the fiche action form."""

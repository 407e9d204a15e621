"""Screens pushed over the reader: help and the cross-source figure comparison."""

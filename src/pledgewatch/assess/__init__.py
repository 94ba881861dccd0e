"""Assess: status, deadlines and compliance of commitments, from the evidence people confirmed."""

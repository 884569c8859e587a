"""Who is who: /start, /aide, invitations, the change of mandataire, /contact."""

"""The AD's side: /suivi, /annonce and the weekly digest."""

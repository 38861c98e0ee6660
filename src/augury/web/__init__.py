"""augury's web app: HTML pages, their JSON twins under /api/, and the forms that write."""

from augury.web.app import create_app

__all__ = ["create_app"]

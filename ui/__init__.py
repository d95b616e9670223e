"""The Qt front end. Thin: it calls the services in ``cchc_desktop``, never SQL."""

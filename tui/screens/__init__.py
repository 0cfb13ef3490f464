"""The dashboard's screens: the front page, the forms around it, people, help, errors."""

"""Progress on books and courses: notations, titles, pace and ETA, listings and charts."""

from django.urls import path

from cme.worklist import views, views_queue

app_name = "worklist"

urlpatterns = [
    path("", views.home, name="home"),
    path("deadlines/", views_queue.work_queue, name="queue"),
]

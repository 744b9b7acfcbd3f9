from django.urls import path

from cme.worklist import views

app_name = "worklist"

urlpatterns = [
    path("", views.home, name="home"),
]

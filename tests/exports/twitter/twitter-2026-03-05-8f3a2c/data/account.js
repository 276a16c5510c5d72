window.YTD.account.part0 = [
  {
    "account": {
      "email": "press@dockside.example.org",
      "createdVia": "web",
      "username": "dockside",
      "accountId": "1455667788990011223",
      "createdAt": "2012-05-01T10:00:00.000Z",
      "accountDisplayName": "Dockside Workers' Network"
    }
  }
]